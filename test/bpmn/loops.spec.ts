import { describeScenarios } from '../support/scenario.js';
import { loopScenarios } from './scenarios/loops.scenarios.js';

describeScenarios('standard loop', loopScenarios);
