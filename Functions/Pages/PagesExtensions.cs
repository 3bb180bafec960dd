namespace FollowUp.Pages;

internal static class PagesExtensions
{
    /// <summary>The prospect's status page: finding a link, telling the story, the callback slots and the guards of its actions.</summary>
    public static IHostApplicationBuilder AddPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StatusLinkLookup>();
        builder.Services.AddSingleton<StatusStory>();
        builder.Services.AddSingleton<CallbackSlots>();
        builder.Services.AddSingleton<StatusPageView>();
        builder.Services.AddSingleton<StatusPageGuards>();
        return builder;
    }
}
