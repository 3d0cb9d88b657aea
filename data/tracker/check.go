package tracker

import "permanence/data"

// checkBatch is how many accepted children are handed to the checker at a
// time.
const checkBatch = 512

// checker runs data.CheckChild on the accepted children beside the parse,
// on another goroutine, a batch at a time: the row-level checks (dates out
// of range or order, unknown codes) cost about as much as reading the
// cells. It keeps their warnings in row order, to be merged with the
// warnings found while reading cells (see warnings).
type checker struct {
	extractDate data.Date
	headings    map[string]string // canonical name -> heading as written; not changed once rows are read

	from    int // the first accepted child not yet handed over
	batches chan checkJob
	done    chan []data.Warning
}

// checkJob is a batch of accepted children, which the parse no longer
// touches, and their rows.
type checkJob struct {
	children []data.Child
	rows     []int
}

// start starts the checker's goroutine; headings must be final.
func (k *checker) start(extractDate data.Date, headings map[string]string) {
	k.extractDate, k.headings = extractDate, headings
	k.batches = make(chan checkJob, 8)
	k.done = make(chan []data.Warning, 1)
	go func() {
		var ws []data.Warning
		for job := range k.batches {
			for i := range job.children {
				ws = append(ws, data.CheckChild(&job.children[i], k.extractDate, job.rows[i], k.headings)...)
			}
		}
		k.done <- ws
	}()
}

// accepted is told after each accepted child; every checkBatch children
// it hands the batch over.
func (k *checker) accepted(x *data.ExtractData) {
	if len(x.Children)-k.from >= checkBatch {
		k.handOver(x)
	}
}

func (k *checker) handOver(x *data.ExtractData) {
	if n := len(x.Children); n > k.from {
		k.batches <- checkJob{children: x.Children[k.from:n:n], rows: x.Rows[k.from:n:n]}
		k.from = n
	}
}

// warnings hands over the last batch, waits for the checker and returns
// every warning in the order of a reader checking each row as it goes:
// by row, a row's cell warnings (cell) before its checks'. It is nil when
// there are none, and when the checker was never started.
func (k *checker) warnings(x *data.ExtractData, cell []data.Warning) []data.Warning {
	if k.batches == nil {
		return cell
	}
	k.handOver(x)
	close(k.batches)
	checks := <-k.done
	if len(checks) == 0 {
		return cell
	}
	out := make([]data.Warning, 0, len(cell)+len(checks))
	i := 0
	for _, w := range checks {
		for i < len(cell) && cell[i].Row <= w.Row {
			out = append(out, cell[i])
			i++
		}
		out = append(out, w)
	}
	return append(out, cell[i:]...)
}
