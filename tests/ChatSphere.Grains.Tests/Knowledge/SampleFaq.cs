namespace ChatSphere.Grains.Tests.Knowledge;

/// <summary>A small help-centre FAQ and visitor questions that paraphrase its entries, for retrieval tests.</summary>
public static class SampleFaq
{
    public static readonly (string Question, string Answer)[] Pairs =
    [
        ("How do I reset my password?",
            "Open the sign-in page, choose 'Forgot password' and follow the link we email you. The link is valid for one hour."),
        ("What are your opening hours?",
            "Our support team is available Monday to Friday from 8am to 6pm Central European Time."),
        ("How can I cancel my subscription?",
            "Go to Settings, then Billing, and choose 'Cancel plan'. You keep access until the end of the paid period."),
        ("Do you ship internationally?",
            "Yes, we ship to over 40 countries. Delivery outside the EU takes 5 to 10 business days and customs fees may apply."),
        ("How long does a refund take?",
            "Refunds are issued within 3 business days of receiving the returned item and appear on your statement within a week."),
        ("Can I change my delivery address after ordering?",
            "You can change the address until the order ships: open the order in your account and edit the delivery details."),
        ("Which payment methods do you accept?",
            "We accept Visa, Mastercard, American Express, PayPal and bank transfer."),
        ("Is my personal data safe with you?",
            "We store your data encrypted in EU data centres and never sell it to third parties."),
        ("How do I contact customer support?",
            "Write to support@example.com or use the chat on our website; we answer within one business day."),
        ("Do you offer discounts for students?",
            "Students get 30% off any plan after verifying their student status with a university email address."),
    ];

    /// <summary>Visitor questions in other words, each with the index of the pair in <see cref="Pairs"/> that answers it.</summary>
    public static readonly (string Query, int Expected)[] Paraphrases =
    [
        ("I forgot my password, what should I do?", 0),
        ("I can't log in because I don't remember my password", 0),
        ("When is your support open?", 1),
        ("What time do you close on Fridays?", 1),
        ("I want to stop my plan", 2),
        ("how to end my membership", 2),
        ("Can you deliver to Canada?", 3),
        ("Do you send orders abroad?", 3),
        ("When will I get my money back?", 4),
        ("how many days until I'm refunded", 4),
        ("I moved, can I update where my package goes?", 5),
        ("Can I pay with PayPal?", 6),
        ("do you take credit cards", 6),
        ("What do you do with my personal information?", 7),
        ("Is my data protected?", 7),
        ("How do I reach your help desk?", 8),
        ("Is there an email address for support?", 8),
        ("Is there a student price?", 9),
        ("Do students get a reduced rate?", 9),
    ];
}
