package io.portico.benchmarks.imports;

import java.util.concurrent.TimeUnit;

import io.portico.admin.imports.ImportedTemplate;
import io.portico.admin.imports.OpenApiImporter;
import io.portico.compiler.DefaultRouteCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to import a 1,000-operation OpenAPI document: parse (YAML or JSON) and map to a
 * template with validated routes, as {@code POST /api/services/template/import} does
 * before it writes. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar OpenApiImport}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class OpenApiImportBenchmark {

	/** Operations in the document. */
	@Param("1000")
	public int operations;

	/** Document format: {@code yaml} or {@code json}. */
	@Param({ "yaml", "json" })
	public String format;

	private OpenApiImporter importer;

	private String document;

	/**
	 * Generates the document and checks that it imports completely.
	 */
	@Setup
	public void setUp() {
		this.importer = new OpenApiImporter(new DefaultRouteCompiler());
		this.document = OpenApiDocuments.generate(this.operations, "yaml".equals(this.format));
		int routes = this.importer.read(this.document).routes().size();
		if (routes != this.operations) {
			throw new IllegalStateException("expected " + this.operations + " routes, got " + routes);
		}
	}

	/**
	 * Parses and maps the whole document.
	 * @return the template, so that the work is not optimized away
	 */
	@Benchmark
	public ImportedTemplate importDocument() {
		return this.importer.read(this.document);
	}

}
