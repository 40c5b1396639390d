/// glibc's `malloc_trim`, which the Glibc module does not export: hands memory
/// freed inside the heap back to the system.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32

enum Memory {
    /// Returns freed heap memory to the system, so that what a stage freed does
    /// not stay in the process's resident size while the next stage allocates.
    static func giveBack() { _ = glibcMallocTrim(0) }
}
