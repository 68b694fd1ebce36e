import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists fully qualified type names written inline in Java code ({@code java.util.List<String> xs = ...}) where an
 * import would do, and replaces them with an import on request. Comments, string literals and the package and import
 * lines are not code and are not looked at. A qualified name is needed, and so not reported as a fault, when its
 * simple name clashes in that file: another type of that name is imported, declared in the file or in the file's own
 * package, the simple name is used unqualified for something else (a wildcard import, java.lang), or the file
 * qualifies two types of that name.
 *
 * <pre>
 *   java build/format/InlineQualifiedNames.java [--check] [--fix] [--all] [DIR|FILE...]   (default: the current
 *   directory)
 * </pre>
 *
 * Prints {@code path:line: name} for each avoidable one ({@code --all}: the needed ones too, marked), then a count
 * per module. With {@code --check} it exits 1 when any avoidable one is found. With {@code --fix} it rewrites each
 * avoidable one to its simple name and adds the import (in order among the file's imports; none for java.lang or
 * the file's own package). Files under {@code target/} are skipped. Run as a single-file program by the JDK (no build, no dependencies), so the build's format-check profile
 * and a contributor run it the same way.
 */
public final class InlineQualifiedNames {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;",
            Pattern.MULTILINE);
    private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");
    /** A lower-case package path of two or more segments, then a type: java.util.List, org.osgi.framework.Bundle. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.@])@?([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z][A-Za-z0-9_]*)");

    /** One inline qualified name: {@code from}..{@code to} is its package prefix with the dot, in the file's text. */
    record Use(Path file, int line, String name, boolean needed, int from, int to) {
    }

    record Source(Path file, String text, String pkg, String code, Map<String, String> imports, Set<String> declared) {
    }

    public static void main(String[] args) throws IOException {
        boolean check = false;
        boolean fix = false;
        boolean all = false;
        List<Path> roots = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--check" -> check = true;
                case "--fix" -> fix = true;
                case "--all" -> all = true;
                case "-h", "--help" -> {
                    System.out.println("usage: java build/format/InlineQualifiedNames.java [--check] [--fix] [--all] [DIR|FILE...]");
                    return;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        System.err.println("unknown option " + arg + " (try --help)");
                        System.exit(2);
                    }
                    roots.add(Path.of(arg));
                }
            }
        }
        if (roots.isEmpty()) {
            roots.add(Path.of("."));
        }

        List<Source> sources = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                System.err.println("no such file or directory: " + root);
                System.exit(2);
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                        .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                        .sorted()
                        .forEach(p -> sources.add(read(p)));
            }
        }

        // Package roots are the first segments this code base imports from (java, org, quickfix, weka, ...): a
        // lower-case chain starting anywhere else is a field access (order.side.BUY), not a type name.
        Set<String> packageRoots = new HashSet<>(Set.of("java", "javax", "jdk"));
        Map<String, Set<String>> typesByPackage = new HashMap<>();
        for (Source source : sources) {
            source.imports.values().forEach(fqn -> packageRoots.add(fqn.substring(0, fqn.indexOf('.'))));
            if (!source.pkg.isEmpty()) {
                packageRoots.add(source.pkg.substring(0, source.pkg.indexOf('.') < 0 ? source.pkg.length()
                        : source.pkg.indexOf('.')));
                typesByPackage.computeIfAbsent(source.pkg, k -> new HashSet<>()).addAll(source.declared);
                String fileType = source.file.getFileName().toString().replace(".java", "");
                typesByPackage.get(source.pkg).add(fileType);
            }
        }

        List<Use> uses = new ArrayList<>();
        int fixedFiles = 0;
        for (Source source : sources) {
            List<Use> inFile = find(source, packageRoots, typesByPackage.getOrDefault(source.pkg, Set.of()));
            uses.addAll(inFile);
            if (fix && inFile.stream().anyMatch(u -> !u.needed)) {
                Files.writeString(source.file, fixed(source, inFile), StandardCharsets.UTF_8);
                fixedFiles++;
            }
        }

        Map<String, Integer> avoidableByModule = new TreeMap<>();
        int avoidable = 0;
        for (Use use : uses) {
            if (!use.needed) {
                avoidable++;
                avoidableByModule.merge(module(use.file), 1, Integer::sum);
            }
            if (!use.needed || all) {
                System.out.println(use.file + ":" + use.line + ": " + use.name + (use.needed ? " (needed: name clash)"
                        : ""));
            }
        }
        avoidableByModule.forEach((module, n) -> System.out.println("  " + module + ": " + n));
        System.out.println(avoidable + " inline qualified name(s) an import would replace, in " + sources.size()
                + " files" + (uses.size() > avoidable ? "; " + (uses.size() - avoidable) + " needed (name clash)" : ""));
        if (fix) {
            System.out.println("fixed: " + avoidable + " replaced by imports in " + fixedFiles + " files");
        }
        if (check && avoidable > 0 && !fix) {
            System.exit(1);
        }
    }

    private static Source read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String code = blankCommentsAndLiterals(text);
        Matcher pkg = PACKAGE.matcher(code);
        Map<String, String> imports = new HashMap<>();
        Matcher imp = IMPORT.matcher(code);
        while (imp.find()) {
            if (imp.group(3) == null) {
                String fqn = imp.group(2);
                imports.put(fqn.substring(fqn.lastIndexOf('.') + 1), imp.group(1) == null ? fqn : "static " + fqn);
            }
        }
        Set<String> declared = new HashSet<>();
        Matcher decl = DECLARED.matcher(code);
        while (decl.find()) {
            declared.add(decl.group(1));
        }
        return new Source(file, text, pkg.find() ? pkg.group(1) : "", code, imports, declared);
    }

    private static List<Use> find(Source source, Set<String> packageRoots, Set<String> ownPackageTypes) {
        record Candidate(int line, String pkg, String simple, int from, int to) {
        }
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Set<String>> qualifiedBySimpleName = new HashMap<>();
        Set<Integer> qualifiedSimpleNameStarts = new HashSet<>();
        String[] lines = source.code.split("\n", -1);
        int offset = 0;
        for (int i = 0; i < lines.length; offset += lines[i].length() + 1, i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("package ") || line.stripLeading().startsWith("import ")) {
                continue;
            }
            Matcher m = QUALIFIED.matcher(line);
            while (m.find()) {
                String pkg = m.group(1);
                if (!packageRoots.contains(pkg.substring(0, pkg.indexOf('.')))) {
                    continue;
                }
                qualifiedBySimpleName.computeIfAbsent(m.group(2), k -> new HashSet<>()).add(pkg);
                qualifiedSimpleNameStarts.add(offset + m.start(2));
                candidates.add(new Candidate(i + 1, pkg, m.group(2), offset + m.start(1), offset + m.start(2)));
            }
        }
        List<Use> found = new ArrayList<>();
        for (Candidate c : candidates) {
            String fqn = c.pkg + "." + c.simple;
            String imported = source.imports.get(c.simple);
            boolean clash = (imported != null && !imported.equals(fqn))
                    || (source.declared.contains(c.simple) && !c.pkg.equals(source.pkg))
                    || (ownPackageTypes.contains(c.simple) && !c.pkg.equals(source.pkg))
                    || qualifiedBySimpleName.get(c.simple).size() > 1
                    || (imported == null && usedUnqualified(source, c.simple, qualifiedSimpleNameStarts));
            found.add(new Use(source.file, c.line, fqn, clash, c.from, c.to));
        }
        return found;
    }

    /** Whether the simple name appears in code other than after a qualifier (so it means something in this file). */
    private static boolean usedUnqualified(Source source, String simple, Set<Integer> qualifiedStarts) {
        Matcher m = Pattern.compile("(?<![\\w.$])" + Pattern.quote(simple) + "(?![\\w$])").matcher(source.code);
        while (m.find()) {
            int lineStart = source.code.lastIndexOf('\n', m.start()) + 1;
            String line = source.code.substring(lineStart, m.start()).stripLeading();
            boolean declarationLine = line.startsWith("package ") || line.startsWith("import ");
            if (!declarationLine && !qualifiedStarts.contains(m.start())) {
                return true;
            }
        }
        return false;
    }

    /** The file's text with each avoidable qualifier removed and an import for each such type added. */
    private static String fixed(Source source, List<Use> uses) {
        StringBuilder text = new StringBuilder(source.text);
        Set<String> toImport = new TreeSet<>();
        List<Use> avoidable = uses.stream().filter(u -> !u.needed).sorted((a, b) -> b.from - a.from).toList();
        for (Use use : avoidable) {
            text.delete(use.from, use.to);
            String pkg = use.name.substring(0, use.name.lastIndexOf('.'));
            if (!pkg.equals("java.lang") && !pkg.equals(source.pkg) && !source.imports.containsValue(use.name)) {
                toImport.add(use.name);
            }
        }
        for (String fqn : toImport) {
            insertImport(text, fqn);
        }
        return text.toString();
    }

    /** Adds {@code import fqn;} before the first non-static import that sorts after it, or after the last one. */
    private static void insertImport(StringBuilder text, String fqn) {
        String line = "import " + fqn + ";\n";
        Matcher m = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;[^\\n]*\\n", Pattern.MULTILINE)
                .matcher(text);
        int lastEnd = -1;
        while (m.find()) {
            if (m.group(1) == null && m.group(2).compareTo(fqn) > 0) {
                text.insert(m.start(), line);
                return;
            }
            lastEnd = m.end();
        }
        if (lastEnd >= 0) {
            text.insert(lastEnd, line);
            return;
        }
        Matcher pkg = Pattern.compile("^package\\s+[\\w.]+\\s*;[^\\n]*\\n", Pattern.MULTILINE).matcher(text);
        int at = pkg.find() ? pkg.end() : 0;
        text.insert(at, (at > 0 ? "\n" : "") + line + (at > 0 ? "" : "\n"));
    }

    /** The module of a file: the path before src/ (bundles/research), or the file's folder. */
    private static String module(Path file) {
        String path = file.normalize().toString();
        int src = path.indexOf("/src/");
        return src > 0 ? path.substring(0, src) : String.valueOf(file.getParent());
    }

    /**
     * The text with comments, string and character literals and text blocks replaced by spaces (line breaks kept, so
     * line numbers still match).
     */
    static String blankCommentsAndLiterals(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                while (end > 0 && text.charAt(end - 1) == '\\') {
                    end = text.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end + 3;
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(text, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(text.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
