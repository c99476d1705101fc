// Every workflow, for the worker's workflowsPath.
export { realPersonCheck } from "./real-person-check.workflow.js";
export { unitRegistration } from "./unit-registration.workflow.js";
