import RelGraphDrawing
internal import CGraphviz

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Graphviz plugin library made in Swift: what a plugin's
/// `gvplugin_NAME_LTX_library` symbol points to, handed to a context with
/// `gvAddLibrary`. Made once (Graphviz keeps pointers into it for as long as a
/// context lives, so it is never freed) and added to each context once.
///
/// Used by ``DrawingRecorder`` (a renderer and its device) and
/// ``TextMeasureCache`` (a text layout engine). Only touched inside
/// ``GraphvizContext``'s lock.
final class PluginLibrary {
    /// One plugin: its API, type name (`format`, `format:device`, `textlayout`),
    /// quality (the highest of one type is chosen), engine and features.
    struct Plugin {
        var api: api_t
        var type: String
        var quality: Int32
        var engine: UnsafeMutableRawPointer
        var features: UnsafeMutableRawPointer?
    }

    private let library: UnsafeMutablePointer<gvplugin_library_t>
    private var addedTo: Set<UnsafeMutableRawPointer> = []

    /// A library named `package` holding `plugins`, each under an API entry of its own.
    init(package: String, plugins: [Plugin]) {
        let apis = UnsafeMutablePointer<gvplugin_api_t>.allocate(capacity: plugins.count + 1)
        for (index, plugin) in plugins.enumerated() {
            let types = UnsafeMutablePointer<gvplugin_installed_t>.allocate(capacity: 2)
            types[0] = gvplugin_installed_t()
            types[0].id = 0
            types[0].type = UnsafePointer(strdup(plugin.type))
            types[0].quality = plugin.quality
            types[0].engine = plugin.engine
            types[0].features = plugin.features
            types[1] = gvplugin_installed_t()
            apis[index] = gvplugin_api_t(api: plugin.api, types: types)
        }
        apis[plugins.count] = gvplugin_api_t()
        library = UnsafeMutablePointer<gvplugin_library_t>.allocate(capacity: 1)
        library.initialize(to: gvplugin_library_t(packagename: strdup(package), apis: apis))
    }

    /// Adds the library to `gvc` unless it was added before.
    func add(to gvc: OpaquePointer) {
        guard addedTo.insert(UnsafeMutableRawPointer(gvc)).inserted else { return }
        gvAddLibrary(gvc, library)
    }

    /// Whether the library was added to `gvc`.
    func isAdded(to gvc: OpaquePointer) -> Bool {
        addedTo.contains(UnsafeMutableRawPointer(gvc))
    }
}
