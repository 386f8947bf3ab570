import { describeScenarios } from '../support/scenario.js';
import { eventSubProcessScenarios } from './scenarios/event-sub-processes.scenarios.js';

describeScenarios('event sub-processes', eventSubProcessScenarios);
