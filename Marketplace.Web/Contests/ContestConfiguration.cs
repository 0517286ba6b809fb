using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Contests;

/// <summary>Value objects (rubrics, rules, lists) are stored as JSON text: read and written whole, never queried inside.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasConversion(
                v => JsonSerializer.Serialize(v, Options),
                v => JsonSerializer.Deserialize<T>(v, Options)!,
                new ValueComparer<T>(
                    (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                    v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!))
            .IsRequired();
}

internal sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>
{
    public void Configure(EntityTypeBuilder<Contest> b)
    {
        b.ToTable("Contests");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.Description).HasMaxLength(10000).IsRequired();
        b.Property(c => c.Groups).AsJson();
        b.Property(c => c.Rules).AsJson();
        b.Ignore(c => c.CurrentStage);
        b.Ignore(c => c.FirstStage);
        b.Ignore(c => c.ActiveJudges);
        b.HasMany(c => c.Stages).WithOne().HasForeignKey(s => s.ContestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Stages).HasField("_stages").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.ContestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Participants).HasField("_participants").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(c => c.Status);
    }
}

internal sealed class ContestStageConfiguration : IEntityTypeConfiguration<ContestStage>
{
    public void Configure(EntityTypeBuilder<ContestStage> b)
    {
        b.ToTable("ContestStages");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.Property(s => s.Rubric).AsJson();
        b.Property(s => s.Advancement).AsJson();
        b.HasIndex(s => new { s.ContestId, s.Order }).IsUnique();
    }
}

internal sealed class ContestParticipantConfiguration : IEntityTypeConfiguration<ContestParticipant>
{
    public void Configure(EntityTypeBuilder<ContestParticipant> b)
    {
        b.ToTable("ContestParticipants");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(p => p.Email).HasMaxLength(256).IsRequired();
        b.Property(p => p.TokenHash).HasMaxLength(64).IsRequired();
        b.Property(p => p.DeclaredConflicts).AsJson();
        b.HasIndex(p => p.TokenHash).IsUnique();
        b.HasIndex(p => new { p.ContestId, p.UserId });
    }
}

internal sealed class ContestEntryConfiguration : IEntityTypeConfiguration<ContestEntry>
{
    public void Configure(EntityTypeBuilder<ContestEntry> b)
    {
        b.ToTable("ContestEntries");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(e => e.OrganizationName).HasMaxLength(200).IsRequired();
        b.Property(e => e.Group).HasMaxLength(100).IsRequired();
        b.Property(e => e.Title).HasMaxLength(200).IsRequired();
        b.Property(e => e.Summary).HasMaxLength(5000).IsRequired();
        b.Property(e => e.Team).HasMaxLength(2000).IsRequired();
        b.Property(e => e.PatentIds).AsJson();
        b.Property(e => e.EligibilityReasons).AsJson();
        b.Property(e => e.Award).HasConversion<string>().HasMaxLength(20);
        b.HasMany(e => e.Documents).WithOne().HasForeignKey(d => d.EntryId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Documents).HasField("_documents").UsePropertyAccessMode(PropertyAccessMode.Field);
        // One entry per organisation and contest (it may hold several patents).
        b.HasIndex(e => new { e.ContestId, e.OrganizationId }).IsUnique();
    }
}

internal sealed class EntryDocumentConfiguration : IEntityTypeConfiguration<EntryDocument>
{
    public void Configure(EntityTypeBuilder<EntryDocument> b)
    {
        b.ToTable("ContestEntryDocuments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(d => d.FileName).HasMaxLength(255).IsRequired();
        b.Property(d => d.StoredName).HasMaxLength(100).IsRequired();
    }
}

internal sealed class JudgeAssignmentConfiguration : IEntityTypeConfiguration<JudgeAssignment>
{
    public void Configure(EntityTypeBuilder<JudgeAssignment> b)
    {
        b.ToTable("ContestJudgeAssignments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(a => new { a.StageId, a.EntryId, a.JudgeUserId }).IsUnique();
        b.HasIndex(a => new { a.ContestId, a.JudgeUserId });
    }
}

internal sealed class ScoreConfiguration : IEntityTypeConfiguration<Score>
{
    public void Configure(EntityTypeBuilder<Score> b)
    {
        b.ToTable("ContestScores");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(s => s.Items).AsJson();
        b.Property(s => s.Comment).HasMaxLength(4000).IsRequired();
        b.HasIndex(s => new { s.StageId, s.EntryId, s.JudgeUserId }).IsUnique();
    }
}

internal sealed class ObserverInterestConfiguration : IEntityTypeConfiguration<ObserverInterest>
{
    public void Configure(EntityTypeBuilder<ObserverInterest> b)
    {
        b.ToTable("ContestObserverInterests");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(i => i.Tags).HasMaxLength(400).IsRequired();
        b.Property(i => i.Note).HasMaxLength(1000).IsRequired();
        b.HasIndex(i => new { i.EntryId, i.ObserverUserId }).IsUnique();
    }
}
