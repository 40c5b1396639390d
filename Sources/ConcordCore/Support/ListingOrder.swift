/// The order an earlier walk read the source folder in, as `KeptListing` keeps it, read where it
/// lies: for each path in the order the folders listed it, its position in that walk's sorted
/// listing (`place`), and the hash of each path of the sorted listing (`hash`). The guess
/// `PathList.sorted(following:)` takes its order from; valid only inside `KeptListing.withOrder`.
struct ListingOrder {
    /// Little-endian `UInt32`s, one per path read.
    let places: UnsafeRawBufferPointer
    /// Little-endian `UInt64`s, one per path of the sorted listing.
    let hashes: UnsafeRawBufferPointer

    /// How many paths the earlier walk read.
    var readCount: Int { places.count / 4 }
    /// How many paths its sorted listing held.
    var sortedCount: Int { hashes.count / 8 }
    /// The position in the sorted listing of the `k`th path read (not checked: may be out of range).
    @inline(__always) func place(_ k: Int) -> Int { Int(places.number(k, as: UInt32.self)) }
    /// The hash of the sorted listing's path `p` (`p < sortedCount`).
    @inline(__always) func hash(_ p: Int) -> UInt64 { hashes.number(p) }
}
