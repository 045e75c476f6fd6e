// Ratings: the visitor's thumbs up or down on the bot's replies. Sent through the hub; the ones given earlier (another
// page load or tab) are loaded when a conversation opens, so their buttons show pressed. Draws through the message view.
export function createRatings(view, messages, chatClient) {
  // Rating by message id, as the server holds it.
  let ratings = new Map();

  /** Loads the ratings of the conversation just opened (ignored when another one opened meanwhile). */
  async function load(conversationId) {
    const client = chatClient();
    try {
      const given = await client.ratings();
      if (client.conversationId !== conversationId) {
        return;
      }

      ratings = new Map(Object.entries(given || {}));
      for (const msg of view.state.messages.values()) {
        if (!msg.feedback && ratings.has(msg.id)) {
          msg.feedback = ratings.get(msg.id);
          messages.renderMessage(msg);
        }
      }
    } catch {
      // Without them the buttons start unpressed; rating still works.
    }
  }

  /** A finished reply arriving after the ratings were loaded shows its earlier rating. */
  function applyTo(msg) {
    if (msg.complete && !msg.feedback && ratings.has(msg.id)) {
      msg.feedback = ratings.get(msg.id);
    }
  }

  /** Rates a reply; the same rating again takes it back. */
  async function rate(msg, rating) {
    const next = msg.feedback === rating ? 'none' : rating;
    try {
      await chatClient().feedback(msg.id, next);
      msg.feedback = next === 'none' ? null : next;
      if (msg.feedback) {
        ratings.set(msg.id, msg.feedback);
      } else {
        ratings.delete(msg.id);
      }

      messages.renderMessage(msg);
      // The buttons were drawn again: keep keyboard focus on the one just used.
      messages.focusRating(msg, rating);
    } catch (error) {
      console.error(`ChatSphere: feedback failed: ${error && error.message}`);
    }
  }

  return { load, applyTo, rate };
}
