// Every workflow, for the worker's workflowsPath.
export { realPersonCheck } from "./real-person-check.workflow.js";
