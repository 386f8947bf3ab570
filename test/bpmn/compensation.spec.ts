import { describeScenarios } from '../support/scenario.js';
import {
  compensationScenarios,
  multiInstanceCompensationScenarios,
  transactionScenarios,
} from './scenarios/compensation.scenarios.js';

describeScenarios('compensation', compensationScenarios);
describeScenarios('transactions', transactionScenarios);
describeScenarios('compensation of multi-instance activities', multiInstanceCompensationScenarios);
