public enum RelGraphInfo { public static let version = "0.1.0" }
