import { describeScenarios } from '../support/scenario.js';
import { subProcessScenarios } from './scenarios/sub-process.scenarios.js';

describeScenarios('sub-process', subProcessScenarios);
