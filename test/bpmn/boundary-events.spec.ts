import { describeScenarios } from '../support/scenario.js';
import { boundaryEventScenarios } from './scenarios/boundary-events.scenarios.js';

describeScenarios('boundary events', boundaryEventScenarios);
