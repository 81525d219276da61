/**
 * A task's title for a sentence (a flash, a confirmation): whole up to `max` characters, else cut
 * at the last space before it (or at `max` in a long word) and ended with an ellipsis, so a
 * 200-character title does not swallow the message around it. Counts code points, so an emoji
 * is never cut in half.
 */
export function shortTitle(title: string, max = 60): string {
  const chars = Array.from(title);
  if (chars.length <= max) return title;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
