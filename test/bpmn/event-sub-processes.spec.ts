import { describeScenarios } from '../support/scenario.js';
import {
  eventSubProcessScenarios,
  multipleTriggerEventSubProcessScenarios,
} from './scenarios/event-sub-processes.scenarios.js';

describeScenarios('event sub-processes', eventSubProcessScenarios);
describeScenarios('event sub-processes started by a multiple event', multipleTriggerEventSubProcessScenarios);
