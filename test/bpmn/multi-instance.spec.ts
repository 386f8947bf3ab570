import { describeScenarios } from '../support/scenario.js';
import { multiInstanceScenarios } from './scenarios/multi-instance.scenarios.js';

describeScenarios('multi-instance', multiInstanceScenarios);
