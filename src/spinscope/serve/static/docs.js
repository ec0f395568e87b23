// /docs: Swagger UI over /openapi.json (vendored bundle; no inline script, so the CSP holds).
window.addEventListener("load", function () {
  "use strict";
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
