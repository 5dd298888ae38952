using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>Rules for recipients and groups.</summary>
public static class RecipientValidator
{
    public static IReadOnlyList<ValidationError> Validate(Recipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var errors = new FieldErrors();
        CommonRules.Id(errors, "id", recipient.Id);
        CommonRules.Name(errors, "name", recipient.Name);
        if (!CommonRules.IsEmailAddress(recipient.Email))
        {
            errors.Add("email", "must be an email address (digits@gateway for SMS)");
        }

        CommonRules.Tags(errors, recipient.Tags);
        return errors.Errors;
    }

    /// <param name="recipientExists">Whether a recipient id is known.</param>
    public static IReadOnlyList<ValidationError> Validate(RecipientGroup group, Func<Guid, bool> recipientExists)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(recipientExists);
        var errors = new FieldErrors();
        CommonRules.Id(errors, "id", group.Id);
        CommonRules.Name(errors, "name", group.Name);
        CommonRules.Text(errors, "description", group.Description);
        for (var i = 0; i < group.MemberIds.Count; i++)
        {
            if (!recipientExists(group.MemberIds[i]))
            {
                errors.Add($"memberIds[{i}]", "is not a known recipient");
            }
        }

        if (group.MemberIds.Distinct().Count() != group.MemberIds.Count)
        {
            errors.Add("memberIds", "lists a recipient twice");
        }

        return errors.Errors;
    }
}
