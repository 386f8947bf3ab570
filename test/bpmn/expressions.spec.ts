import { describeScenarios } from '../support/scenario.js';
import { expressionScenarios } from './scenarios/expressions.scenarios.js';

describeScenarios('expressions', expressionScenarios);
