/**
 * Camunda 7's REST conventions, shared by the engine's and the designer-api's HTTP APIs so Camunda clients (the
 * Modeler, camunda-external-task-client-js, Camunda's own REST clients) work unchanged: the error body
 * `{ type, message }`, the exact `application/json` content type, the date format, typed variables, query
 * parameters and tenant scoping.
 */
export { CamundaRestException, invalidRequest, notFound } from './camunda-rest.exception.js';
export {
  CamundaExceptionFilter,
  camundaErrorOf,
  type CamundaErrorResponse,
} from './camunda-exception.filter.js';
export { exactJsonContentType } from './exact-json-content-type.js';
export { configureCamundaRestApp, JSON_BODY_LIMIT_BYTES } from './configure-camunda-rest-app.js';
export { formatCamundaDate, parseCamundaDate, CAMUNDA_DATE_FORMAT } from './camunda-date.js';
export {
  variablesFromCamunda,
  variablesToCamunda,
  variableToCamunda,
  kindOf,
  type CamundaVariable,
  type CamundaVariableOptions,
} from './typed-variables.js';
export {
  textParameter,
  booleanParameter,
  integerParameter,
  listParameter,
  dateParameter,
  sortingParameters,
  pagingParameters,
  MAX_RESULTS,
  type QueryParameters,
  type Sorting,
} from './query-parameters.js';
export {
  tenantScopeOf,
  checkedTenantId,
  camundaTenantId,
  NO_TENANT,
  TENANT_ID_PATTERN,
} from './tenant-scope.js';
export { selfLink, ENGINE_REST_PATH, type LinkableRequest } from './rest-links.js';
export { SqlFilter } from './sql-filter.js';
export {
  listQueryOf,
  oneAndListParameter,
  orderOf,
  countOf,
  type ListQuery,
  type GivenFilters,
} from './list-query.js';
export {
  definitionFiltersOf,
  definitionFilterOf,
  DEFINITION_COLUMNS,
  definitionOf,
  type DefinitionFilters,
  type DefinitionRow,
} from './definition-filters.js';
export { camundaIncidentType, coreIncidentType } from './incident-types.js';
export { bodyObjectOf, textField, requiredTextField, booleanField, wholeNumberField } from './body-fields.js';
export {
  variableModificationsOf,
  singleVariableOf,
  type VariableModifications,
} from './variable-modifications.js';
export {
  ROLES,
  UNAUTHENTICATED_CALLER,
  REQUIRED_ROLE,
  RequiresRole,
  PublicEndpoint,
  PUBLIC_ENDPOINT,
  CurrentCaller,
  readableTenants,
  writableTenant,
  type Caller,
  type Role,
  type RequestWithCaller,
} from './auth/caller.js';
export { CallerGuard, type Authenticator } from './auth/caller.guard.js';
export {
  authenticatorFor,
  CredentialAuthenticator,
  type AuthenticationSettings,
} from './auth/credential-authenticator.js';
export { apiKeyEntriesOf, hashApiKey, newApiKey, type ApiKeyEntry } from './auth/api-keys.js';
export { type OidcSettings } from './auth/oidc-token-verifier.js';
export {
  camundaProcessDefinitionOf,
  type ProcessDefinitionView,
} from './process-definitions/camunda-process-definition.js';
export {
  ProcessDefinitionQueryService,
  processDefinitionQueryOf,
  type ProcessDefinitionQuery,
} from './process-definitions/process-definition-query.service.js';
