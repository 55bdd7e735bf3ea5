// argmap, requests that change maps: JSON in and out, the write token and the author's name.
// The token is asked for once (when the server answers 401) and kept in sessionStorage: this tab
// only, never a cookie, so no other site can make a write in the visitor's name (DESIGN §8).

const TOKEN_KEY = "argmap-token";
const AUTHOR_KEY = "argmap-author";

export class HttpError extends Error {
  constructor(status, body, etag) {
    super(body.error || `HTTP ${status}`);
    this.status = status;
    this.details = body.details || [];
    this.etag = etag;
  }
}

export const author = {
  get: () => localStorage.getItem(AUTHOR_KEY) || "",
  set: (name) => localStorage.setItem(AUTHOR_KEY, name),
};

// Ask for the token with ``form`` (its input[name=token]); resolves once it is submitted.
function askToken(form) {
  if (!form) return Promise.resolve(null);
  form.hidden = false;
  const input = form.querySelector("input[name=token]");
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener(
      "submit",
      (event) => {
        event.preventDefault();
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        input.value = "";
        form.hidden = true;
        resolve(sessionStorage.getItem(TOKEN_KEY));
      },
      { once: true },
    );
  });
}

// ``fetch`` with the token and author; ``body`` is sent as JSON unless it is FormData. On a 401 the
// token form is shown and the request sent again with what is typed. Returns {body, etag, status};
// throws HttpError for any other failure.
export async function send(method, url, body, { ifMatch, tokenForm } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    if (author.get()) headers["X-Argmap-Author"] = encodeURIComponent(author.get());
    if (ifMatch !== undefined) headers["If-Match"] = `"${ifMatch}"`;
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(url, { method, headers, body: payload, credentials: "omit" });
    const data = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
    const etag = (response.headers.get("ETag") || "").replace(/^W\//, "").replace(/"/g, "");
    if (response.status === 401 && attempt < 3 && tokenForm) {
      if ((await askToken(tokenForm)) !== null) continue;
    }
    if (!response.ok) throw new HttpError(response.status, data, etag);
    return { body: data, etag, status: response.status };
  }
}

// Reads that may need the token (the sources' texts are for those who may write).
export async function read(url, tokenForm) {
  return send("GET", url, undefined, { tokenForm });
}
