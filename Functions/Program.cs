using FollowUp;
using FollowUp.Hosting;
using FollowUp.Intake;
using FollowUp.Leads;
using FollowUp.Pages;
using FollowUp.Staff;
using FollowUp.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddFollowUp();

var app = builder.Build();

app.UseHosting();
app.UseStaffAuth();
app.MapIntake();
app.MapWebhooks();
app.MapStaff();
app.MapLeads();
app.MapPages();
app.MapHealth();

app.Run();

/// <summary>The app's entry point; public so test hosts can start it.</summary>
public partial class Program;
