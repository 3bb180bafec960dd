using FollowUp.Calls;
using FollowUp.Hosting;
using FollowUp.Intake;
using FollowUp.Leads;
using FollowUp.Notifications;
using FollowUp.Pages;
using FollowUp.Privacy;
using FollowUp.Reports;
using FollowUp.Staff;
using FollowUp.ResponseWindows;

namespace FollowUp;

internal static class FollowUpServices
{
    /// <summary>Every feature's services. One list, so tests can check the app's settings without starting it.</summary>
    public static IHostApplicationBuilder AddFollowUp(this IHostApplicationBuilder builder, HostingMode mode)
    {
        builder.Services.AddSingleton(mode);
        builder.AddHosting();
        builder.AddStorage();
        builder.AddCore();
        builder.AddCalls();
        builder.AddStaff();
        builder.AddIntake();
        builder.AddNotifications();
        builder.AddResponseWindows();
        builder.AddLeads();
        builder.AddPrivacy();
        builder.AddReports();
        builder.AddPages();
        return builder;
    }
}
