import { describeScenarios } from '../support/scenario.js';
import { variableScenarios } from './scenarios/variables.scenarios.js';

describeScenarios('variables', variableScenarios);
