import { useEffect, useId, useRef, useState } from "react";

type Suggestion = { id: string; name: string; email: string; handle: string };

/** The mention being typed just before the caret: "@gr" → "gr"; null when the caret is not in one. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at === -1) return null;
  const previous = at === 0 ? "" : before[at - 1]!;
  if (previous && /[\p{L}\p{N}_.@+-]/u.test(previous)) return null;
  const query = before.slice(at + 1);
  // A name has at most a few words; a line break or a long run ends the mention.
  if (query.length > 40 || /\n/.test(query) || query.split(" ").length > 4) return null;
  return { start: at, query };
}

/**
 * With JavaScript, typing `@` in the form's Markdown field offers the team: arrow keys move,
 * Enter or Tab inserts `@Name `, Escape closes. The server recognises mentions in any case
 * (services/mentions.ts), so without JavaScript typing the name or email works just the same.
 * Rendered inside the form, beside its `textarea[name=<field>]`.
 */
export function MentionCompletion({ field }: { field: string }) {
  const anchor = useRef<HTMLDivElement>(null);
  const listId = useId();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const state = useRef({ suggestions, active, start: -1 });
  const insertRef = useRef<(person: Suggestion) => void>(() => {});
  state.current = { ...state.current, suggestions, active };

  useEffect(() => {
    const textarea = anchor.current?.closest("form")?.querySelector<HTMLTextAreaElement>(`textarea[name="${field}"]`);
    if (!textarea) return;
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", listId);
    let request: AbortController | null = null;

    const close = () => {
      request?.abort();
      state.current.start = -1;
      setSuggestions([]);
      textarea.setAttribute("aria-expanded", "false");
      textarea.removeAttribute("aria-activedescendant");
    };

    const insert = (person: Suggestion) => {
      const { start } = state.current;
      const caret = textarea.selectionStart;
      const text = `@${person.handle} `;
      textarea.setRangeText(text, start, caret, "end");
      close();
      textarea.focus();
    };

    const onInput = () => {
      const found = mentionQueryAt(textarea.value, textarea.selectionStart);
      if (!found) return close();
      state.current.start = found.start;
      request?.abort();
      request = new AbortController();
      fetch(`/people/suggestions?${new URLSearchParams({ q: found.query })}`, { signal: request.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? (response.json() as Promise<Suggestion[]>) : []))
        .then((people) => {
          setSuggestions(people);
          setActive(0);
          textarea.setAttribute("aria-expanded", people.length > 0 ? "true" : "false");
        })
        .catch(() => {}); // aborted by the next keystroke, or offline: no suggestions, typing still works
    };

    const onKeyDown = (event: KeyboardEvent) => {
      const { suggestions: shown, active: index } = state.current;
      if (shown.length === 0) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive((index + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        insert(shown[index]!);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    };

    insertRef.current = insert;
    // Picking with the mouse keeps the focus in the field (see onMouseDown), so a blur means leaving it.
    textarea.addEventListener("input", onInput);
    textarea.addEventListener("keydown", onKeyDown);
    textarea.addEventListener("blur", close);
    return () => {
      request?.abort();
      textarea.removeEventListener("input", onInput);
      textarea.removeEventListener("keydown", onKeyDown);
      textarea.removeEventListener("blur", close);
    };
  }, [field, listId]);

  useEffect(() => {
    const textarea = anchor.current?.closest("form")?.querySelector<HTMLTextAreaElement>(`textarea[name="${field}"]`);
    if (textarea && suggestions.length > 0) textarea.setAttribute("aria-activedescendant", `${listId}-${active}`);
  }, [active, suggestions, field, listId]);

  return (
    <div ref={anchor} className="mentions">
      <ul id={listId} role="listbox" aria-label="People to mention" className="mentions__list" hidden={suggestions.length === 0}>
        {suggestions.map((person, index) => (
          <li
            key={person.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "mentions__option mentions__option--active" : "mentions__option"}
            // mousedown, not click: it comes before the textarea's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              insertRef.current(person);
            }}
          >
            {person.name} <span className="muted">{person.email}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
