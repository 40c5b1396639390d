extension SiteModel {
    /// Finds articles' positions by id in `articlesByID` (sorted by id): by walking on from the
    /// last one found while the ids come in order (an article's quotes, as the annotator gives
    /// them, cost one comparison or two each), else by a binary search.
    struct IDSearch {
        private let byID: [Article], positions: [Int32]
        private var next = 0
        private var last: (id: String, position: Int32)? = nil

        init(_ byID: [Article], _ positions: [Int32]) { self.byID = byID; self.positions = positions }

        /// The position in `articles` of the article `id` names, or -1.
        mutating func position(of id: String) -> Int32 {
            if let last, last.id == id { return last.position }
            // A few steps on from the last one found (articles without quotes are passed over),
            // then a binary search of what lies beyond it, or before it for an id out of order.
            var i = 0, hi = byID.count
            if next < byID.count && byID[next].id <= id {
                i = next
                var steps = 0
                while i < hi && steps < 16 && byID[i].id < id { i += 1; steps += 1 }
                if steps < 16 { hi = i }      // found where it is, or would be
            }
            while i < hi { let mid = (i + hi) / 2; if byID[mid].id < id { i = mid + 1 } else { hi = mid } }
            next = i
            let position = i < byID.count && byID[i].id == id ? positions[i] : -1
            last = (id, position)
            return position
        }
    }
}
