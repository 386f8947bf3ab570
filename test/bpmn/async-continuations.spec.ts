import { describeScenarios } from '../support/scenario.js';
import { asyncContinuationScenarios } from './scenarios/async-continuations.scenarios.js';

describeScenarios('asynchronous continuations', asyncContinuationScenarios);
