import { describeScenarios } from '../support/scenario.js';
import { multipleEventScenarios } from './scenarios/multiple-events.scenarios.js';

describeScenarios('multiple and parallel multiple events', multipleEventScenarios);
