import { describeScenarios } from '../support/scenario.js';
import { gatewayScenarios } from './scenarios/gateways.scenarios.js';

describeScenarios('gateways', gatewayScenarios);
