/** A question another page prepared for the chat ("Ask about this client"), taken once by the composer. */
export class ChatDraft {
  #text = $state('');

  /** Leaves a question for the chat composer. */
  set(text: string): void {
    this.#text = text;
  }

  /** The prepared question, once (then empty). */
  take(): string {
    const text = this.#text;
    this.#text = '';
    return text;
  }
}

export const chatDraft = new ChatDraft();
