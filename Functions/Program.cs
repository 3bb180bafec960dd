using FollowUp.Hosting;
using FollowUp.Intake;
using FollowUp.Notifications;
using FollowUp.Storage;
using FollowUp.Webhooks;
using FollowUp.Windows;

var builder = WebApplication.CreateBuilder(args);

builder.AddHosting();
builder.AddStorage();
builder.AddIntake();
builder.AddNotifications();
builder.AddWindows();

var app = builder.Build();

app.UseHosting();
app.MapIntake();
app.MapWebhooks();
app.MapHealth();

app.Run();

/// <summary>The app's entry point; public so test hosts can start it.</summary>
public partial class Program;
