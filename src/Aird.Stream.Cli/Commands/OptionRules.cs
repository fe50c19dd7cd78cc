using System.CommandLine;
using System.CommandLine.Parsing;

namespace Aird.Stream.Cli.Commands;

/// <summary>Rules on option values, checked while parsing so that a bad value is one clear line before any work.</summary>
internal static class OptionRules
{
    /// <summary>Adds <paramref name="rule"/> as the error when a given value fails <paramref name="isValid"/>.</summary>
    public static void Require<T>(Option<T> option, Func<T, bool> isValid, string rule) =>
        option.Validators.Add(result =>
        {
            if (TryGetValue<T>(result, out var value) && !isValid(value))
            {
                result.AddError(rule);
            }
        });

    /// <summary>
    /// For a command's validator: <paramref name="option"/>'s value on <paramref name="command"/>, or
    /// <paramref name="whenAbsent"/> when it was not given (default value factories have not run yet while
    /// validating); false when the given text does not convert.
    /// </summary>
    public static bool TryGetValue<T>(CommandResult command, Option<T> option, T whenAbsent, out T value)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.GetResult(option) is { } given)
        {
            return TryGetValue(given, out value);
        }

        value = whenAbsent;
        return true;
    }

    /// <summary>
    /// The option's value, or false when its text does not convert to <typeparamref name="T"/>: the parser reports
    /// that itself ("Cannot parse argument ..."), while reading the value in a validator would throw.
    /// </summary>
    public static bool TryGetValue<T>(OptionResult result, out T value)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
