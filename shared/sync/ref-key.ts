/** How references are compared: "q 10428", "Q-10428" and "q10428" are the same reference. */
export function refKey(ref: string): string {
  return ref.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
