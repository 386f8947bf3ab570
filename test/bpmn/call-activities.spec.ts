import { describeScenarios } from '../support/scenario.js';
import { callActivityScenarios } from './scenarios/call-activities.scenarios.js';

describeScenarios('call activities', callActivityScenarios);
