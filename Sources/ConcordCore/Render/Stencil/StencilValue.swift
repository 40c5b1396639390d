/// What a context value is to a stencil: printed (a string or a number, replaced
/// by a mark), a flag (part of the stencil's shape), rows (a section cut out and
/// filled row by row), or something a stencil cannot stand in for.
enum StencilValue {
    case absent
    case scalar(String)
    case flag(Bool)
    /// An array of dictionaries, or one dictionary (a section over it renders once).
    case rows([[String: Any]])
    /// An empty array of anything else: a section over it renders nothing, whatever its type.
    case emptyList
    /// `.` where the current item is a dictionary: fine unless printed (`StencilSource.make` checks).
    case current
    case opaque

    init(_ value: Any?) {
        switch value {
        case nil: self = .absent
        case let s as String: self = .scalar(s)
        case let n as Int: self = .scalar(String(n))       // as `Int.renderText` prints it
        case let b as Bool: self = .flag(b)
        case let d as [String: Any]: self = .rows([d])
        case let a as [[String: Any]]: self = .rows(a)
        case let a as [Any] where a.isEmpty: self = .emptyList
        default: self = .opaque
        }
    }

    /// The value's part of a shape: values of the same shape render to the same
    /// stencil (a string's or a number's text, and how many rows, are filled in after).
    var shape: UInt8 {
        switch self {
        case .absent: 0
        case .scalar: 1
        case .flag(let b): b ? 3 : 2
        case .rows: 4
        case .emptyList: 5
        case .current: 6
        case .opaque: 7
        }
    }
}
