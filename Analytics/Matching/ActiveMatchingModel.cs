namespace Analytics.Matching;

/// <summary>
/// The matching model of the active model version (<c>versions/NNNN/matching/</c>, written beside the chain model
/// by <see cref="PatentAnalytics.TrainVersionAsync"/>): loaded once per version and reloaded when another version
/// becomes active. A version trained before matching models existed has none: the matcher then reads needs by
/// their own words and hints only.
/// </summary>
public sealed class ActiveMatchingModel(PatentAnalytics analytics) : IMatchingModelSource
{
    private readonly Lock _gate = new();
    private (int Version, MatchingModel? Model)? _loaded;

    public MatchingModel? Current
    {
        get
        {
            if (analytics.Store.ActiveVersion() is not { } version) return null;
            lock (_gate)
            {
                if (_loaded is { } l && l.Version == version) return l.Model;
                var model = MatchingModel.Load(Path.Combine(analytics.Store.FolderOf(version), MatchingModel.FolderName));
                _loaded = (version, model);
                return model;
            }
        }
    }
}
