import { describeScenarios } from '../support/scenario.js';
import { taskScenarios } from './scenarios/tasks.scenarios.js';

describeScenarios('tasks', taskScenarios);
