/// Concord's version, as `concord --version` prints it, with the build cache's format: a cache
/// of another format is not used, so the first build after an upgrade that changes it is a full one.
public enum ConcordVersion {
    /// The release: the minor number counts the working sessions that made it.
    public static let number = "0.71.0"
    public static var description: String { "\(number) (build cache format \(BuildCache.format))" }
}
