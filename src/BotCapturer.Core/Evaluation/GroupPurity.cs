namespace BotCapturer.Evaluation;

/// <summary>How clean the reported groups are against the labels.</summary>
/// <param name="Groups">Reported groups.</param>
/// <param name="Pure">Groups whose members are all bots of one family.</param>
/// <param name="MixedFamilies">Groups with bots of more than one family.</param>
/// <param name="WithBenign">Groups with at least one benign (unlabelled or non-bot) member.</param>
/// <param name="FamiliesWhole">Families whose labelled bots all sit in one single group (and in no other).</param>
/// <param name="Families">Families in the labels (of bots).</param>
public sealed record GroupPurity(int Groups, int Pure, int MixedFamilies, int WithBenign, int FamiliesWhole, int Families);
