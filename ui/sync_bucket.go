package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data/keychain"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// BucketKeychain keeps a bucket's keys, typed in Settings → Sync, where
// the desktop keeps secrets. Available says why it cannot, such as a
// Linux laptop with no Secret Service running.
type BucketKeychain interface {
	Available() error
	Save(entry string, k keychain.Keys) error
}

// bucketFields are Settings → Sync's choice between a shared folder and
// an S3-compatible bucket, and, when a bucket is chosen, its address, the
// service's endpoint and the keys. Keys typed here go to the keychain and
// nowhere else; left empty, the AWS environment variables or shared
// credentials file serve, as for fairctl.
type bucketFields struct {
	via      *widget.RadioGroup
	url      *widget.Entry
	endpoint *widget.Entry
	keyID    *widget.Entry
	secret   *widget.Entry
	keysNote *widget.Label
	form     *fyne.Container
	content  *fyne.Container

	folderChoice, bucketChoice string
	filledFrom                 string // the remembered place the fields show
	keptIn                     string // the keychain entry of the remembered place
	noKeychain                 bool   // keys cannot be typed: there is no keychain
}

func newBucketFields() *bucketFields {
	b := &bucketFields{folderChoice: lang.L("Shared folder"), bucketChoice: lang.L("S3-compatible bucket")}
	b.url = &widget.Entry{PlaceHolder: "s3://BUCKET/PREFIX"}
	b.endpoint = &widget.Entry{PlaceHolder: "https://…"}
	b.keyID = &widget.Entry{}
	b.secret = &widget.Entry{Password: true}
	for _, e := range []*widget.Entry{b.url, b.endpoint, b.keyID, b.secret} {
		e.ExtendBaseWidget(e)
	}
	// Hints under the fields rather than long placeholders, which an
	// entry cuts off at 800x600 and hides once typed in.
	form := widget.NewForm(
		&widget.FormItem{Text: lang.L("Bucket"), Widget: b.url, HintText: lang.L("e.g. s3://alumni-fairs/london-2026")},
		&widget.FormItem{Text: lang.L("Endpoint"), Widget: b.endpoint, HintText: lang.L("Empty for AWS S3; the service's URL for R2, B2, MinIO…")},
		&widget.FormItem{Text: lang.L("Access key ID"), Widget: b.keyID},
		&widget.FormItem{Text: lang.L("Secret key"), Widget: b.secret},
	)
	b.keysNote = &widget.Label{Wrapping: fyne.TextWrapWord}
	b.showKeysNote()
	b.form = container.NewVBox(form, b.keysNote)
	b.form.Hide()
	b.via = &widget.RadioGroup{Options: []string{b.folderChoice, b.bucketChoice}, Horizontal: true, Required: true, Selected: b.folderChoice,
		OnChanged: func(string) { b.showChoice() }}
	b.via.ExtendBaseWidget(b.via)
	b.content = container.NewVBox(container.NewHBox(widget.NewLabel(lang.L("Sync through")), b.via), b.form)
	return b
}

func (b *bucketFields) chosen() bool { return b.via.Selected == b.bucketChoice }

func (b *bucketFields) showChoice() {
	if b.chosen() {
		b.form.Show()
	} else {
		b.form.Hide()
	}
}

func (b *bucketFields) showKeysNote() {
	switch {
	case b.noKeychain:
		return // keychainMissing said why
	case b.keptIn != "":
		b.keysNote.SetText(lang.L("This bucket's keys are kept in this laptop's keychain. Type both again only to change them."))
	default:
		b.keysNote.SetText(lang.L("Keys typed here are kept in this laptop's keychain, never in the event's database or the bucket. " +
			"Leave both empty to use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials."))
	}
}

// keychainMissing says that keys cannot be typed here, and why (the
// keychain's own words), and what to do instead; nothing is ever kept in
// the clear.
func (b *bucketFields) keychainMissing(why error) {
	if u := (*keychain.UnavailableError)(nil); errors.As(why, &u) {
		why = u.Cause
	}
	b.noKeychain = true
	b.keyID.SetText("")
	b.secret.SetText("")
	b.keyID.Disable()
	b.secret.Disable()
	b.keysNote.Importance = widget.WarningImportance
	b.keysNote.SetText(fmt.Sprintf(lang.L("This laptop has no keychain Fairdesk can keep keys in (%s), so they cannot be typed here. "+
		"Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put the keys in ~/.aws/credentials, then start Fairdesk again."), why))
}

// fill shows the bucket the event syncs with (where, as remembered), once
// for each place, so that what the user types is not overwritten.
func (b *bucketFields) fill(where string) {
	p, ok := fdsync.ParseBucketPlace(where)
	if !ok || where == b.filledFrom {
		return
	}
	b.filledFrom = where
	b.url.SetText(p.URL)
	b.endpoint.SetText(p.Endpoint)
	b.keptIn = p.Keychain
	b.via.SetSelected(b.bucketChoice)
	b.showKeysNote()
}

// place reads the fields: the bucket as it is remembered, and the keys
// typed (nil: none, the keychain entry kept before or the AWS
// environment serve). Bad fields are named, as fairctl names its flags'.
func (b *bucketFields) place() (fdsync.BucketPlace, *keychain.Keys, error) {
	url, endpoint := strings.TrimSpace(b.url.Text), strings.TrimSpace(b.endpoint.Text)
	if url == "" {
		return fdsync.BucketPlace{}, nil, errors.New(lang.L("Type the bucket's address, as s3://BUCKET/PREFIX."))
	}
	// OpenBucket applies the command line's checks (the address's form,
	// and plain http only for this machine) and sends nothing.
	bk, err := fdsync.OpenBucket(fdsync.BucketOptions{URL: url, Endpoint: endpoint})
	if err != nil {
		return fdsync.BucketPlace{}, nil, fmt.Errorf("%s.", capitalise(err.Error()))
	}
	p := fdsync.BucketPlace{URL: bk.String(), Endpoint: endpoint}
	id, secret := strings.TrimSpace(b.keyID.Text), b.secret.Text
	switch {
	case id == "" && secret == "":
		if entry := keychain.EntryName(p.URL, p.Endpoint); entry == b.keptIn {
			p.Keychain = entry
		}
		return p, nil, nil
	case id == "" || secret == "":
		return p, nil, errors.New(lang.L("Type both the access key ID and the secret key, or leave both empty to use the AWS environment variables or ~/.aws/credentials."))
	}
	return p, &keychain.Keys{AccessKeyID: id, SecretKey: secret}, nil
}

// keysSaved clears the typed keys once the keychain holds them.
func (b *bucketFields) keysSaved(entry string) {
	b.keptIn = entry
	b.keyID.SetText("")
	b.secret.SetText("")
	b.showKeysNote()
}

// bucketAddress is a bucket's s3:// address alone, for a line too short
// for its endpoint too; a folder's path as it is.
func bucketAddress(where string) string {
	if p, ok := fdsync.ParseBucketPlace(where); ok {
		return p.URL
	}
	return where
}

// syncPlaceName is where an event syncs as the interface shows it: a folder's
// path, or a bucket's address and its service's endpoint, never the
// keychain entry.
func syncPlaceName(where string) string {
	p, ok := fdsync.ParseBucketPlace(where)
	switch {
	case !ok:
		return where
	case p.Endpoint == "":
		return p.URL
	}
	return fmt.Sprintf(lang.L("%s at %s"), p.URL, p.Endpoint)
}

func isBucket(where string) bool {
	_, ok := fdsync.ParseBucketPlace(where)
	return ok
}

// placeProblem words what went wrong with a bucket the way its user can
// act on; "" for a problem that is not the bucket's own, which its
// caller words as for a folder.
func placeProblem(where string, err error) string {
	p, ok := fdsync.ParseBucketPlace(where)
	switch {
	case !ok || err == nil:
		return ""
	case errors.Is(err, fdsync.ErrNoConditionalWrites):
		return fmt.Sprintf(lang.L("the bucket %s does not support conditional writes (PUT with If-None-Match: *), which Fairdesk needs so that no laptop can replace another's files; "+
			"use a service that supports them, such as AWS S3, Cloudflare R2, MinIO or versitygw"), p.URL)
	case fdsync.CredentialsRefused(err) && p.Keychain != "":
		return fmt.Sprintf(lang.L("the bucket %s refused the keys kept in this laptop's keychain; type the right access key ID and secret key in Settings → Sync"), p.URL)
	case fdsync.CredentialsRefused(err):
		return fmt.Sprintf(lang.L("the bucket %s refused the keys from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or ~/.aws/credentials; correct them, or type the keys in Settings → Sync"), p.URL)
	case errors.Is(err, keychain.ErrNoEntry):
		return fmt.Sprintf(lang.L("the keys of the bucket %s are not in this laptop's keychain; type them again in Settings → Sync"), p.URL)
	case errors.Is(err, keychain.ErrUnavailable):
		return fmt.Sprintf(lang.L("the keys of the bucket %s are in this laptop's keychain, which cannot be reached now (%v)"), p.URL, err)
	case errors.Is(err, fdsync.ErrUnreachable):
		return fmt.Sprintf(lang.L("the bucket %s cannot be reached; check the network and the endpoint, and try again"), syncPlaceName(where))
	}
	return ""
}
