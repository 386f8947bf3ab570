import { describeScenarios } from '../support/scenario.js';
import { eventScenarios } from './scenarios/events.scenarios.js';

describeScenarios('events', eventScenarios);
