namespace ChatSphere.Api.OpenApi;

/// <summary>
/// The description of every operation of the OpenAPI document, by operation name (<c>.WithName</c>), written once per
/// endpoint. <see cref="OpenApiContractTransformer"/> puts it on the operation unless the endpoint declares its own
/// <c>.WithDescription</c>; a test fails when an operation has neither. Kept in one table rather than on each endpoint
/// so the descriptions could be added without touching the endpoint declarations that other work was changing.
/// Who may call each one: docs/api-and-auth.md ("Role matrix").
/// </summary>
public static class OperationDescriptions
{
    /// <summary>The description of <paramref name="operationId"/>, or null when it has none here.</summary>
    public static string? For(string? operationId) =>
        operationId is not null && Descriptions.TryGetValue(operationId, out var text) ? text : null;

    /// <summary>The operation names that have a description here.</summary>
    public static IReadOnlyCollection<string> Names => Descriptions.Keys;

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        // Auth and the signed-in user
        ["Register"] = "Creates an account with its own workspace and signs it in, answering the access and refresh tokens, the user and the workspace. In the embedded run the first account registered adopts the demo chatbot's workspace instead.",
        ["Login"] = "Signs in with email and password and answers a new access token (a JWT) and refresh token. Repeated wrong passwords lock the account for a growing time (429 with Retry-After).",
        ["RefreshToken"] = "Spends a refresh token and answers a new access token and refresh token. A token that was spent already ends its whole session, since it was copied.",
        ["Logout"] = "Ends the session the given refresh token belongs to; access tokens already issued expire by themselves.",
        ["RequestPasswordReset"] = "Emails a single-use password reset link to the address when it has an account. Always answers 202, so the answer does not tell whether the address has an account.",
        ["ResetPassword"] = "Sets a new password with the token from a reset email. The token is spent and every session of the account ends.",
        ["VerifyEmail"] = "Marks the account's email address as verified with the single-use token from the verification email.",
        ["ListSignInProviders"] = "Lists the OpenID Connect providers configured for sign-in, each with its name, display name and the URL that starts its sign-in.",
        ["StartProviderSignIn"] = "Starts an OpenID Connect sign-in: redirects the browser to the provider with the authorisation code flow (PKCE, nonce, encrypted state). The returnUrl must be a path of this site or start with an allowed address. With client=dashboard the callback sets the dashboard's httpOnly refresh cookie and redirects to the returnUrl without tokens in it; the dashboard then refreshes.",
        ["FinishProviderSignIn"] = "The provider's redirect back: validates the id token, signs in the linked account (or links or creates one), then redirects to the returnUrl with the tokens in the fragment, or answers them as JSON without a returnUrl.",
        ["GetMe"] = "The signed-in user's profile and the workspaces they belong to. A person only: API keys are refused.",
        ["UpdateMe"] = "Changes the signed-in user's name.",
        ["ChangePassword"] = "Changes the signed-in user's password after checking the current one; every other session ends and a new session's tokens are answered.",
        ["SendEmailVerification"] = "Emails the signed-in user a new verification link; nothing is sent when the address is verified already.",

        // Workspaces, members, invitations
        ["ListWorkspaces"] = "The workspaces the signed-in user belongs to, each with the caller's role and its member count; for an API key, its own workspace.",
        ["GetWorkspace"] = "One workspace and its settings. Any member or API key with the read scope.",
        ["UpdateWorkspace"] = "Changes the workspace's name. Admins and the owner, or an API key with the admin scope.",
        ["LeaveWorkspace"] = "The signed-in member leaves the workspace. The owner must transfer ownership first (409).",
        ["TransferOwnership"] = "Makes another member the owner; the previous owner stays as an admin. The owner only.",
        ["ListMembers"] = "The workspace's members with their names, emails and roles, the owner first.",
        ["ChangeMemberRole"] = "Changes a member's role to admin, editor or viewer. Admins and the owner; only the owner grants or takes the admin role, and the owner's own role changes only by a transfer.",
        ["RemoveMember"] = "Removes a member from the workspace; they lose access with their next request. Never the owner, and an admin only by the owner.",
        ["ListInvitations"] = "The workspace's invitations that are still pending.",
        ["Invite"] = "Invites an email address into the workspace with a role; the single-use link is emailed. Counts against the plan's seats.",
        ["RevokeInvitation"] = "Withdraws a pending invitation; its link stops working.",
        ["AcceptInvitation"] = "The signed-in user joins a workspace with an invitation token. The user's email must be the invited address.",

        // API keys
        ["ListApiKeys"] = "The workspace's API keys that are not revoked: name, the visible csk_ prefix, scopes, the one chatbot a key may be limited to, expiry and last use. Never a secret.",
        ["CreateApiKey"] = "Creates an API key with scopes (chat, read, write, admin), optionally limited to one chatbot and given an expiry. The secret is in this answer only; it is stored hashed.",
        ["RevokeApiKey"] = "Revokes an API key: its next request on any node is refused, and its open hub connections are closed.",
        ["RotateApiKey"] = "Issues a new secret for an API key; the old secret keeps working for overlapSeconds (one day by default, seven at most).",

        // Audit log, usage, billing
        ["ListAuditLog"] = "The workspace's administrative actions (sign-ins, members, API keys, chatbots, sources, settings, plan), newest first and paged, filtered by action (exact, or an area such as 'chatbot.'), actor, target and time range. Admins, the owner, and API keys with the admin scope.",
        ["GetWorkspaceUsage"] = "What the workspace used of each plan quota this calendar month (UTC): chatbots, messages, knowledge characters, sources and seats, each with its limit (null when the plan sets none).",
        ["GetWorkspacePlan"] = "The workspace's plan and the limits it sets.",
        ["ChangeWorkspacePlan"] = "Moves the workspace to another plan: at once where the manual provider allows self-service, or answers 202 with the payment provider's checkout URL. The owner only, as a person.",
        ["ListBillingStatements"] = "The workspace's monthly statements (the plan and what was used of each quota in a closed month), newest first and paged.",
        ["PaymentNotification"] = "Receives a payment provider's signed notification of a subscription change and applies the plan it names. A notification whose event id was applied before changes nothing; a wrong signature is refused.",

        // Chatbots, knowledge, widget settings
        ["ListChatbots"] = "The chatbots of a workspace (the workspaceId query parameter, or the caller's only workspace), newest first and paged.",
        ["CreateChatbot"] = "Creates a chatbot in the workspace the body names (or the caller's only one) with its persona, answer, knowledge and widget settings. Editors and up; counts against the plan's chatbots.",
        ["GetChatbot"] = "One chatbot with all its settings.",
        ["UpdateChatbot"] = "Changes the settings the body names and leaves the others; every setting is validated (the models against the catalogue). Editors and up; the change is written to the audit log.",
        ["DeleteChatbot"] = "Deletes a chatbot with its sources and knowledge. Editors and up.",
        ["ListSources"] = "The chatbot's training sources, newest first and paged, each with its type, status and progress.",
        ["AddSource"] = "Adds a training source: text, a Q&A pair, one URL or a whole web site. It is queued and ingested in the background; its status tells the progress. Counts against the plan's sources and knowledge characters.",
        ["UploadSourceFile"] = "Uploads a document (PDF, DOCX, Markdown, HTML, TXT or CSV) as the multipart/form-data field 'file'; it is parsed, chunked and embedded in the background. Too large a file is 413.",
        ["ImportQaPairs"] = "Adds many Q&A pairs at once from CSV (text/csv, question and answer columns) or a JSON array; all are added or, when one is invalid, none.",
        ["GetSource"] = "One training source with its status, stage, progress, pages, chunks and error.",
        ["DeleteSource"] = "Deletes a source and its chunks; the chatbot stops finding them at once.",
        ["SyncSource"] = "Fetches a URL or web site source again now: unchanged pages are skipped and only changed chunks are embedded again.",
        ["SearchKnowledge"] = "Searches the chatbot's knowledge as its replies do (the bot's retrieval settings) and answers the ranked chunks with score, source, title, URL and text.",
        ["GetWidgetConfig"] = "The public part of a chatbot's widget settings (name, welcome, appearance, lead form), read by the widget without a credential. Holds no secrets.",
        ["CreateIdentitySecret"] = "Makes (or replaces) the secret that signs visitor identities for setUser; shown in this answer only. Editors and up.",
        ["DeleteIdentitySecret"] = "Removes the identity secret: visitor identities are no longer verified or accepted. Editors and up.",

        // Conversations and chat
        ["ListConversations"] = "The chatbot's conversations, newest activity first and paged.",
        ["GetConversation"] = "One conversation: its chatbot, visitor, start and last activity, the page it started on, its last seq and a preview of its last message.",
        ["ListMessages"] = "The conversation's messages, oldest first and paged, with their citations and the visitor's feedback.",
        ["RateMessage"] = "Rates one of the bot's replies up or down; null clears the rating.",
        ["GetConversationVisitor"] = "The conversation's visitor: the identity verified through setUser and the lead form's answers.",
        ["SendChatMessage"] = "Sends a visitor message to a chatbot and answers the bot's reply as JSON, or streamed as Server-Sent Events with stream: true or Accept: text/event-stream. Anonymous visitors may call it from an allowed site; a clientMessageId makes a retry answer the first attempt's reply. Plan quotas (402) and rate limits (429) apply.",

        // Models and the OpenAI-compatible routes
        ["ListModels"] = "The chat and embeddings models this deployment offers (kind, capabilities, context size, health), then the chatbots the caller may chat with, marked owned_by 'chatsphere-chatbot': their ids are what 'model' takes in /chat/completions. OpenAI's list shape.",
        ["GetModel"] = "One model of this deployment, or a chatbot the caller may chat with, in OpenAI's model shape; 404 for anything else.",
        ["ListProviderKeys"] = "The workspace's own keys for the configured model providers: a hint of each, never the key.",
        ["SetProviderKey"] = "Sets the workspace's key for a configured provider, used for its chatbots instead of the deployment's key. Sealed with AES-256-GCM at rest; an unknown provider is 400.",
        ["RemoveProviderKey"] = "Removes the workspace's key for a provider; the deployment's key is used again.",
        ["GetChatbotUsage"] = "The chatbot's replies, tokens and latency per UTC day and model between from and to (yyyy-MM-dd; the last 30 days by default).",
        ["GetWorkspaceModelUsage"] = "The workspace's replies and tokens per model in one UTC month (month: yyyy-MM; the current month by default).",
        ["CreateChatCompletion"] = "OpenAI chat completions with a chatbot id as 'model': the bot answers the last user message with its knowledge, persona and guardrails; earlier user and assistant messages are its history. Stateless. With stream: true the answer is chat.completion.chunk events ending with data: [DONE]. Errors are in OpenAI's shape.",
        ["CreateEmbeddings"] = "OpenAI embeddings of one or more inputs with the offline all-MiniLM-L6-v2 model or a configured provider's embeddings model, as floats or base64. Errors are in OpenAI's shape.",
    };
}
