// Every workflow, for the worker's workflowsPath.

export { affiliationMissingReminder } from "./affiliation-missing-reminder.workflow.js";
export { affiliationRequest } from "./affiliation-request.workflow.js";
export { bindingRequest } from "./binding-request.workflow.js";
export { contactMobileChange } from "./contact-mobile-change.workflow.js";
export { personRegistration } from "./person-registration.workflow.js";
export { realPersonCheck } from "./real-person-check.workflow.js";
export { titleApplication } from "./title-application.workflow.js";
export { unitRegistration } from "./unit-registration.workflow.js";
