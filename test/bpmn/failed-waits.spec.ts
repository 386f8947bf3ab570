import { describeScenarios } from '../support/scenario.js';
import { failedWaitScenarios } from './scenarios/failed-waits.scenarios.js';

describeScenarios('jobs and calls the outside world could not do', failedWaitScenarios);
