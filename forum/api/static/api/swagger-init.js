/* Mounts Swagger UI (swagger-ui-dist from npm, see forum/api/finders.py) on the interactive API page.
   No inline script (CSP): the page names the OpenAPI document in data-openapi-url. */
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || typeof window.SwaggerUIBundle !== "function") {
    return;
  }

  /* Swagger UI's BaseLayout wraps the operations in a second <main> (the page has its own) and repeats the API's
     title as an <h1>. This layout renders the operations in a <div>, below the page's own <h1> and <h2>, so that their
     groups are <h3>; the API's description and its schemas are on the documentation page (/api/v1/docs/). */
  function ForumLayoutPlugin(system) {
    var h = system.React.createElement;

    function ForumLayout(props) {
      var spec = props.specSelectors;
      var get = props.getComponent;
      var Errors = get("errors", true);
      var status = spec.loadingStatus();
      if (status === "failed" || status === "failedConfig") {
        return h("div", { className: "swagger-ui" }, h("p", { className: "api-try__status" }, node.dataset.failed), h(Errors));
      }
      if (status === "loading" || !spec.specStr()) {
        return h("div", { className: "swagger-ui" }, h("p", { className: "api-try__status" }, node.dataset.loading));
      }
      var Servers = get("ServersContainer", true);
      var Authorize = get("AuthorizeBtnContainer", true);
      var Filter = get("FilterContainer", true);
      var Operations = get("operations", true);
      var servers = spec.servers();
      return h(
        "div",
        { className: "swagger-ui" },
        h(get("SvgAssets")),
        h(Errors),
        h(
          "div",
          { className: "scheme-container" },
          servers && servers.size ? h("div", { className: "schemes-server-container" }, h(Servers)) : null,
          spec.securityDefinitions() ? h(Authorize) : null
        ),
        h(Filter),
        h("div", { id: "operations", className: "wrapper" }, h(Operations))
      );
    }

    return { components: { ForumLayout: ForumLayout } };
  }

  /* What Swagger UI leaves out for assistive technology, added after each render: names for the fields of the
     parameters (their parameter's name), the request body, the answers (a region of their own) and the dialog's
     close button, the level of the dialog's "Authorized" heading, and keyboard access (tabindex) to the
     code blocks that scroll. Attributes React does not manage survive its updates. */
  function complete(root) {
    root.querySelectorAll("tr[data-param-name] select, tr[data-param-name] input, tr[data-param-name] textarea").forEach(
      function (field) {
        var named = field.hasAttribute("aria-label") || field.hasAttribute("aria-labelledby") || field.labels.length;
        if (!named) {
          field.setAttribute("aria-label", field.closest("tr").dataset.paramName);
        }
      }
    );
    root.querySelectorAll("textarea.body-param__text:not([aria-label])").forEach(function (field) {
      field.setAttribute("aria-label", node.dataset.body);
    });
    root.querySelectorAll("table.responses-table[role=region]:not([aria-label])").forEach(function (table) {
      var summary = table.closest(".opblock").querySelector(".opblock-summary-control");
      var method = summary.querySelector(".opblock-summary-method");
      var path = summary.querySelector(".opblock-summary-path");
      var name = [method && method.textContent, path && path.textContent].filter(Boolean).join(" ");
      table.setAttribute("aria-label", node.dataset.answers + (name ? " – " + name : ""));
    });
    root.querySelectorAll(".auth-container h6:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("aria-level", "5"); // "Authorized", below the scheme's <h4>
    });
    root.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
    root.querySelectorAll("button.close-modal:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", node.dataset.close);
    });
  }
  new MutationObserver(function () {
    complete(node);
  }).observe(node, { childList: true, subtree: true });

  window.SwaggerUIBundle({
    url: node.dataset.openapiUrl,
    domNode: node,
    presets: [window.SwaggerUIBundle.presets.apis],
    plugins: [ForumLayoutPlugin],
    layout: "ForumLayout",
    deepLinking: false,
    validatorUrl: null,
    persistAuthorization: false,
    displayRequestDuration: true,
    syntaxHighlight: { activated: false },
  });
})();
