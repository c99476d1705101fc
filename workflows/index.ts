// Every workflow, for the worker's workflowsPath.

export { contactMobileChange } from "./contact-mobile-change.workflow.js";
export { realPersonCheck } from "./real-person-check.workflow.js";
export { unitRegistration } from "./unit-registration.workflow.js";
