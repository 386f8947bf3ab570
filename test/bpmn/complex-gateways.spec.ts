import { describeScenarios } from '../support/scenario.js';
import { complexGatewayScenarios } from './scenarios/complex-gateways.scenarios.js';

describeScenarios('complex gateways', complexGatewayScenarios);
