// Starts GOV.UK Frontend's components (error summary focus, radios, navigation toggle).
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
