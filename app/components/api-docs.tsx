import { Fragment, type ReactNode } from "react";

/**
 * The API reference page (/api/docs), drawn from the OpenAPI document as shaped by
 * app/api/docs-model.server.ts. Server-rendered, plain HTML: no script is needed to read it.
 */
export type DocsField = { name: string; type: string; required: boolean; description: string; rules: string[] };
export type DocsParameter = DocsField & { in: string };
export type DocsResponse = {
  status: string;
  description: string;
  contentType: string | null;
  schema: string | null;
  headers: { name: string; description: string }[];
  examples: { name: string; summary: string; json: string }[];
};
export type DocsOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  auth: string;
  parameters: DocsParameter[];
  requestBody: {
    description: string;
    contentType: string;
    schema: string;
    fields: DocsField[];
    examples: { name: string; summary: string; json: string }[];
  } | null;
  responses: DocsResponse[];
  curl: string;
};
export type DocsSection = { name: string; description: string; operations: DocsOperation[] };
export type DocsSchema = { name: string; description: string; fields: DocsField[] };
export type DocsProblem = { slug: string; status: number; title: string; explanation: string };
export type ApiDocsModel = {
  title: string;
  version: string;
  intro: string[];
  documentPath: string;
  sections: DocsSection[];
  schemas: DocsSchema[];
  problems: DocsProblem[];
};

export function ApiDocs({ docs }: { docs: ApiDocsModel }) {
  return (
    <>
      <a className="skip-link" href="#api-docs-main">
        Skip to the reference
      </a>
      <header className="topbar">
        <nav className="topbar__nav" aria-label="Tandem">
          <a className="topbar__brand" href="/">
            Tandem
          </a>
          <a href={docs.documentPath}>OpenAPI document</a>
        </nav>
      </header>
      <div className="page api-docs">
        <nav className="api-docs__toc" aria-labelledby="api-docs-toc-title">
          <p id="api-docs-toc-title" className="api-docs__toc-title">Contents</p>
          <ul>
            <li>
              <a href="#overview">Overview</a>
            </li>
            {docs.sections.map((section) => (
              <li key={section.name}>
                <a href={`#tag-${slug(section.name)}`}>{section.name}</a>
                <ul>
                  {section.operations.map((operation) => (
                    <li key={operation.id}>
                      <a href={`#${operation.id}`}>
                        <span className="api-docs__method-text">{operation.method}</span> {operation.path}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            <li>
              <a href="#schemas">Schemas</a>
            </li>
            <li>
              <a href="#problems">Problems</a>
            </li>
          </ul>
        </nav>

        <main id="api-docs-main" className="api-docs__main">
          <h1>
            {docs.title} <span className="badge">v{docs.version}</span>
          </h1>
          <section id="overview" aria-labelledby="overview-title">
            <h2 id="overview-title" className="visually-hidden">
              Overview
            </h2>
            {docs.intro.map((paragraph, index) => (
              <p key={index}>
                <Prose text={paragraph} />
              </p>
            ))}
            <p>
              The machine-readable description is <a href={docs.documentPath}>{docs.documentPath}</a> (OpenAPI 3.1); this
              page is drawn from it.
            </p>
          </section>

          {docs.sections.map((section) => (
            <section key={section.name} id={`tag-${slug(section.name)}`} aria-labelledby={`tag-${slug(section.name)}-title`}>
              <h2 id={`tag-${slug(section.name)}-title`}>{section.name}</h2>
              <p className="muted">{section.description}</p>
              {section.operations.map((operation) => (
                <Operation key={operation.id} operation={operation} />
              ))}
            </section>
          ))}

          <section id="schemas" aria-labelledby="schemas-title">
            <h2 id="schemas-title">Schemas</h2>
            {docs.schemas.map((schema) => (
              <article key={schema.name} id={`schema-${schema.name}`} className="card api-docs__card" aria-labelledby={`schema-${schema.name}-title`}>
                <h3 id={`schema-${schema.name}-title`}>{schema.name}</h3>
                <p>
                  <Prose text={schema.description} />
                </p>
                {schema.fields.length > 0 ? <FieldTable caption={`Fields of ${schema.name}`} fields={schema.fields} /> : null}
              </article>
            ))}
          </section>

          <section id="problems" aria-labelledby="problems-title">
            <h2 id="problems-title">Problems</h2>
            <p>
              Every error is <code>application/problem+json</code>. Its <code>type</code> links to one of these.
            </p>
            <dl className="api-docs__problems">
              {docs.problems.map((problem) => (
                <Fragment key={problem.slug}>
                  <dt id={`problem-${problem.slug}`}>
                    <code>{problem.slug}</code> <span className="muted">
                      {problem.status} {problem.title}
                    </span>
                  </dt>
                  <dd>
                    <Prose text={problem.explanation} />
                  </dd>
                </Fragment>
              ))}
            </dl>
          </section>
        </main>
      </div>
    </>
  );
}

function Operation({ operation }: { operation: DocsOperation }) {
  const titleId = `${operation.id}-title`;
  return (
    <article id={operation.id} className="card api-docs__card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <span className={`api-docs__method api-docs__method--${operation.method.toLowerCase()}`}>{operation.method}</span>{" "}
        <code>{operation.path}</code>
        <span className="api-docs__summary">{operation.summary}</span>
      </h3>
      <p>
        <Prose text={operation.description} />
      </p>
      <p className="muted">
        <strong>Authentication:</strong> {operation.auth}
      </p>

      {operation.parameters.length > 0 ? (
        <>
          <h4>Parameters</h4>
          <FieldTable caption={`Parameters of ${operation.id}`} fields={operation.parameters} showIn />
        </>
      ) : null}

      {operation.requestBody ? (
        <>
          <h4>Request body</h4>
          <p>
            <code>{operation.requestBody.contentType}</code>, <a href={`#schema-${operation.requestBody.schema}`}>{operation.requestBody.schema}</a>:{" "}
            <Prose text={operation.requestBody.description} />
          </p>
          <FieldTable caption={`Request body fields of ${operation.id}`} fields={operation.requestBody.fields} />
          {operation.requestBody.examples.map((example) => (
            <Example key={example.name} summary={`Example: ${example.summary}`} json={example.json} />
          ))}
        </>
      ) : null}

      <h4>Responses</h4>
      <table className="table table--cards api-docs__table">
        <caption className="visually-hidden">Responses of {operation.id}</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Meaning</th>
            <th scope="col">Body</th>
            <th scope="col">Headers</th>
          </tr>
        </thead>
        <tbody>
          {operation.responses.map((response) => (
            <tr key={response.status} id={`${operation.id}-${response.status}`}>
              <th scope="row" className="table__lead">
                <code>{response.status}</code>
              </th>
              <td data-label="Meaning">
                <Prose text={response.description} />
                {response.examples.map((example) => (
                  <Example key={example.name} summary={`Example: ${example.summary}`} json={example.json} />
                ))}
              </td>
              <td data-label="Body">
                {response.contentType ? (
                  <>
                    <code>{response.contentType}</code>
                    {response.schema ? (
                      <>
                        {" "}
                        <SchemaLinks schema={response.schema} />
                      </>
                    ) : null}
                  </>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td data-label="Headers">
                <ul className="api-docs__headers">
                  {response.headers.map((header) => (
                    <li key={header.name}>
                      <code title={header.description}>{header.name}</code>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>Example with curl</h4>
      <pre className="api-docs__code" tabIndex={0} data-curl-for={operation.id}>
        <code>{operation.curl}</code>
      </pre>
    </article>
  );
}

function FieldTable({ caption, fields, showIn = false }: { caption: string; fields: DocsField[] | DocsParameter[]; showIn?: boolean }) {
  return (
    <table className="table table--cards api-docs__table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          {showIn ? <th scope="col">In</th> : null}
          <th scope="col">Type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={`${"in" in field ? field.in : ""}-${field.name}`}>
            <th scope="row" className="table__lead">
              <code>{field.name}</code>
              {field.required ? <span className="api-docs__required"> required</span> : <span className="muted"> optional</span>}
            </th>
            {showIn ? <td data-label="In">{"in" in field ? field.in : ""}</td> : null}
            <td data-label="Type">
              <SchemaLinks schema={field.type} />
            </td>
            <td data-label="Description">
              <Prose text={field.description} />
              {field.rules.length > 0 ? <span className="muted"> ({field.rules.join("; ")})</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Example({ summary, json }: { summary: string; json: string }) {
  return (
    <details className="api-docs__example">
      <summary>{summary}</summary>
      <pre className="api-docs__code" tabIndex={0}>
        <code>{json}</code>
      </pre>
    </details>
  );
}

/** A type such as "array of User" or "ValidationProblem or Problem", with schema names linked. */
function SchemaLinks({ schema }: { schema: string }) {
  const parts = schema.split(/(\b[A-Z][A-Za-z]+\b)/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 && !/^[A-Z]+$/.test(part) ? (
          <a key={index} href={`#schema-${part}`}>
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** The little Markdown the document uses: `code` and **strong**. */
function Prose({ text }: { text: string }) {
  const nodes: ReactNode[] = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, index) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) return <code key={index}>{part.slice(1, -1)}</code>;
    if (part.startsWith("**") && part.endsWith("**") && part.length > 3) return <strong key={index}>{part.slice(2, -2)}</strong>;
    return <Fragment key={index}>{part}</Fragment>;
  });
  return <>{nodes}</>;
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
